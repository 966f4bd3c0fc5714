package io.jask.core.graph;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a function object is, for keys and tokens: its display name ({@code "inc"} for {@code
 * Lesson::inc}) and a stable identity (the method it calls and what it captured).
 *
 * <p>Serializable lambdas and method references are read through their {@link SerializedLambda};
 * the per-class part is cached, so naming a task costs a map look-up, not reflection.
 */
public final class Functions {
  /** Per function class, filled from the first instance seen (a lambda class is one call site). */
  private static final ClassValue<AtomicReference<LambdaInfo>> INFO = new ClassValue<>() {
    @Override
    protected AtomicReference<LambdaInfo> computeValue(Class<?> type) {
      return new AtomicReference<>();
    }
  };

  private Functions() {}

  /** The short name tasks calling {@code fn} are keyed by: {@code "inc"}, {@code "lambda"}. */
  public static String name(Object fn) {
    if (fn instanceof NamedFunction named) {
      return named.name();
    }
    return info(fn).name;
  }

  /**
   * A string that is equal for two function objects exactly when they call the same code with
   * the same captured values (as far as those can be {@linkplain Tokens tokenized}).
   */
  public static String identity(Object fn) {
    if (fn instanceof NamedFunction named) {
      return named.identity();
    }
    LambdaInfo info = info(fn);
    if (info.lambda == null) {
      return fn.getClass().getName() + ":" + Tokens.tokenize(fn instanceof Serializable ? fn : Tokens.unique());
    }
    if (info.capturedArgCount == 0) {
      return info.site;
    }
    SerializedLambda lambda = serializedLambda(fn);
    Object[] captured = new Object[lambda.getCapturedArgCount()];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = lambda.getCapturedArg(i);
    }
    return info.site + ":" + Tokens.tokenize(captured);
  }

  static boolean isFunction(Object v) {
    return v instanceof NamedFunction || info(v).lambda != null;
  }

  private static LambdaInfo info(Object fn) {
    AtomicReference<LambdaInfo> holder = INFO.get(fn.getClass());
    LambdaInfo info = holder.get();
    if (info == null) {
      info = LambdaInfo.of(fn.getClass(), fn);
      holder.set(info);
    }
    return info;
  }

  private static SerializedLambda serializedLambda(Object fn) {
    return LambdaInfo.read(fn.getClass(), fn);
  }

  /** A function wrapper that knows its own name and identity (for instance a wrapped user function). */
  public interface NamedFunction {
    /** The display name of the wrapped function. */
    String name();

    /** The stable identity of the wrapped function; see {@link Functions#identity}. */
    String identity();
  }

  private static final class LambdaInfo {
    final SerializedLambda lambda;
    final String name;
    final String site;
    final int capturedArgCount;

    private LambdaInfo(SerializedLambda lambda, String name, String site, int captured) {
      this.lambda = lambda;
      this.name = name;
      this.site = site;
      this.capturedArgCount = captured;
    }

    static LambdaInfo of(Class<?> type, Object instance) {
      if (type.isSynthetic() && instance instanceof Serializable) {
        SerializedLambda lambda = read(type, instance);
        if (lambda != null) {
          String method = lambda.getImplMethodName();
          String owner = lambda.getImplClass().replace('/', '.');
          String name;
          if (method.startsWith("lambda$")) {
            name = "lambda";
          } else if (method.equals("<init>")) {
            name = owner.substring(owner.lastIndexOf('.') + 1);
          } else {
            name = method;
          }
          String site = owner + "." + method + lambda.getImplMethodSignature();
          return new LambdaInfo(lambda, name, site, lambda.getCapturedArgCount());
        }
      }
      String simple = type.getSimpleName();
      String name = simple.isEmpty() || simple.contains("$$Lambda") ? "function" : simple;
      return new LambdaInfo(null, name, type.getName(), 0);
    }

    /** The SerializedLambda that a serializable lambda or method reference writes in its place. */
    static SerializedLambda read(Class<?> type, Object instance) {
      try {
        Method replace = type.getDeclaredMethod("writeReplace");
        replace.setAccessible(true);
        Object replaced = replace.invoke(instance);
        return replaced instanceof SerializedLambda s ? s : null;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}
