package io.feedbackloop.notification.web;

import io.feedbackloop.platform.web.ProblemAdvice;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error answer of this service as a problem: its own exceptions are
 * {@link org.springframework.web.ErrorResponseException}s carrying their problem, the rest is what
 * {@link ProblemAdvice} answers for every service.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

}
