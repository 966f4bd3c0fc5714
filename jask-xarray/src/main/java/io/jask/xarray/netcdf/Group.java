package io.jask.xarray.netcdf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of a file: the dimensions defined in it, its variables, its attributes and its
 * subgroups. Classic files have only the root group, {@code "/"}.
 *
 * @param path {@code "/"} for the root, {@code "/a/b"} below it
 */
public record Group(
    String path,
    List<Dimension> dimensions,
    List<Variable> variables,
    Attributes attributes,
    List<Group> groups) {

  public Group {
    Objects.requireNonNull(path, "path");
    dimensions = List.copyOf(dimensions);
    variables = List.copyOf(variables);
    Objects.requireNonNull(attributes, "attributes");
    groups = List.copyOf(groups);
  }

  /** The group's own name; empty for the root. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public Optional<Variable> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public Optional<Dimension> dimension(String name) {
    return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<Group> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
