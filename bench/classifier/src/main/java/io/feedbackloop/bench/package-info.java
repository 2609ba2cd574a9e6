/** The classifier benchmark: our model against a naive Bayes baseline on the shared datasets. */
@NullMarked
package io.feedbackloop.bench;

import org.jspecify.annotations.NullMarked;
