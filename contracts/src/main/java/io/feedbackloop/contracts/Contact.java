package io.feedbackloop.contracts;

import org.jspecify.annotations.Nullable;

/**
 * How to reach a customer: at least one of phone (E.164) or e-mail.
 *
 * @param name name or nickname, as the channel knows it
 * @param phone E.164 number such as {@code +8613800138000}
 * @param email e-mail address
 */
public record Contact(@Nullable String name, @Nullable String phone, @Nullable String email) {

}
