/**
 * The e-mail port: sends multipart (text and HTML) messages over SMTP with a Message-ID derived
 * from the delivery, and tells an address the server refused from a server that could not be reached.
 */
@NullMarked
package io.feedbackloop.notification.channel.email;

import org.jspecify.annotations.NullMarked;
