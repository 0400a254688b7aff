package dev.odksim.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link AdminOnly} resource or method: only the operator's global admin token may call it, even where the path
 * names a project (e.g. issuing that project's admin tokens). Operations without a {@code {projectId}} path parameter
 * are global-only anyway unless marked {@link ProjectFiltered}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface GlobalAdminOnly {
}
