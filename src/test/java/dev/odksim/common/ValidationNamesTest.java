package dev.odksim.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Bean Validation violations are named like the hand-written problems: the request's JSON path, e.g. keys[1].lockId. */
class ValidationNamesTest {

    record Entry(@NotBlank(message = "is required") String lockId) {
    }

    record Batch(@NotNull @Size(max = 2) List<@Valid Entry> keys) {
    }

    static class Resource {
        public void create(@Valid @NotNull(message = "is required") Batch body, @Size(max = 3) String limit) {
        }
    }

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private static List<String> names(Object... args) throws Exception {
        Method create = Resource.class.getMethod("create", Batch.class, String.class);
        Set<ConstraintViolation<Resource>> violations = VALIDATOR.forExecutables().validateParameters(new Resource(), create, args);
        return violations.stream().map(v -> ProblemMapper.fieldName(v.getPropertyPath())).sorted().toList();
    }

    @Test
    void nestedFieldsAreNamedByTheirJsonPath() throws Exception {
        assertThat(names(new Batch(List.of(new Entry("a"), new Entry(" "))), null)).containsExactly("keys[1].lockId");
        assertThat(names(new Batch(null), null)).containsExactly("keys");
        assertThat(names(new Batch(List.of(new Entry("a"), new Entry("b"), new Entry("c"))), null)).containsExactly("keys");
    }

    @Test
    void aMissingBodyOrAQueryParameterIsNamedByTheParameter() throws Exception {
        assertThat(names(null, null)).containsExactly("body");
        assertThat(names(new Batch(List.of()), "toolong")).containsExactly("limit");
    }
}
