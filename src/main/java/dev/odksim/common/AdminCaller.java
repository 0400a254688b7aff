package dev.odksim.common;

import jakarta.enterprise.context.RequestScoped;

/** Who called the admin API in this request: the operator's global admin token, or a token scoped to one project. */
@RequestScoped
public class AdminCaller {

    private String projectId;
    private boolean authenticated;

    void global() {
        authenticated = true;
        projectId = null;
    }

    void scopedTo(String project) {
        authenticated = true;
        projectId = project;
    }

    /** True for the global admin token. */
    public boolean isGlobal() {
        return authenticated && projectId == null;
    }

    /** Whether this caller may see and change {@code project}'s administration. */
    public boolean mayManage(String project) {
        return authenticated && (projectId == null || projectId.equals(project));
    }
}
