package dev.odksim.unloc;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code /v2/projects/{projectId}/…} resource: it needs an Unloc access token (from {@code POST /v2/auth/token/})
 * that is valid on the simulator clock and was issued for that very project. Checked by {@link UnlocAuthFilter}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface UnlocProjectAuth {
}
