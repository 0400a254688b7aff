package dev.odksim.appauth;

import jakarta.enterprise.context.RequestScoped;

/** The app user behind the current request, set by {@link AppAuthFilter} from the Bearer token. */
@RequestScoped
public class AppCaller {

    private AppSession session;

    void set(AppSession session) {
        this.session = session;
    }

    public String appUserId() {
        return session().appUserId;
    }

    public AppSession session() {
        if (session == null) {
            throw new IllegalStateException("No app session on this request; is the resource annotated @AppUserOnly?");
        }
        return session;
    }
}
