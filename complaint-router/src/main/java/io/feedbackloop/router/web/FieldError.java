package io.feedbackloop.router.web;

/** One invalid field of a request, in the problem's {@code errors} array. */
public record FieldError(String field, String message) {

}
