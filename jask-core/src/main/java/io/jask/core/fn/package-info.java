/**
 * Serializable functional interfaces for the code tasks run: {@code Fn0} to {@code Fn6} take 0 to
 * 6 arguments, {@code FnN} any number. Method references and lambdas convert to them, and they
 * may throw checked exceptions, which reach the caller as a task failure's cause.
 */
package io.jask.core.fn;
