/**
 * Message templates as files ({@code <template>.<language>.txt}, {@code .subject.txt}, {@code .html})
 * with named variables such as {@code {reference}}: loaded and checked once at start-up, so that a
 * template naming a variable nobody fills in stops the service instead of reaching a customer; then
 * rendered with the values HTML-escaped in the HTML variant.
 */
@NullMarked
package io.feedbackloop.notification.templates;

import org.jspecify.annotations.NullMarked;
