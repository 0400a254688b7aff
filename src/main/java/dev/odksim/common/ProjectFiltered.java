package dev.odksim.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link AdminOnly} method without a {@code {projectId}} path parameter: a project-scoped admin token may call
 * it too, because the method answers only with what {@link AdminCaller#mayManage(String)} allows (e.g. the project
 * list). Without this mark such a method is for the global admin token only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProjectFiltered {
}
