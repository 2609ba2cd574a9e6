/**
 * The classifier: a taxonomy of kinds and categories, operator-editable rules, a hashed-feature
 * logistic-regression text model per head (kind, category, sentiment), and the engine that combines
 * them into one explainable decision. Plain Java, no Spring.
 */
@NullMarked
package io.feedbackloop.classifier;

import org.jspecify.annotations.NullMarked;
