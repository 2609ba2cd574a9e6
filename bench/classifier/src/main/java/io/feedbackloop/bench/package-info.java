/** The classifier benchmark: our model against a naive Bayes baseline on the shared datasets. */
package io.feedbackloop.bench;
