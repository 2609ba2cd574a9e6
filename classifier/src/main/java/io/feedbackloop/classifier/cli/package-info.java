/** {@code bin/classifier}: train a model from a labelled CSV, evaluate a model on one. */
@NullMarked
package io.feedbackloop.classifier.cli;

import org.jspecify.annotations.NullMarked;
