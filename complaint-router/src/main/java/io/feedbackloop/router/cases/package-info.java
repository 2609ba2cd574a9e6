/**
 * Complaint cases in MongoDB and their REST API.
 */
@NullMarked
package io.feedbackloop.router.cases;

import org.jspecify.annotations.NullMarked;
