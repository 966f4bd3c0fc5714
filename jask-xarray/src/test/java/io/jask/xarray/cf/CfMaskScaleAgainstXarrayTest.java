package io.jask.xarray.cf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.NcTools;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFiles;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Masking and scaling decoded by Jask and by xarray from the same file: same types, same bits. */
class CfMaskScaleAgainstXarrayTest {
  @TempDir Path dir;

  static String cdl() {
    Random r = new Random(5);
    StringBuilder s16 = new StringBuilder();
    StringBuilder s8 = new StringBuilder();
    StringBuilder f32 = new StringBuilder();
    StringBuilder i32 = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String sep = i == 0 ? "" : ", ";
      s16.append(sep).append(i % 7 == 3 ? "-999" : Integer.toString(r.nextInt(65535) - 32767));
      s8.append(sep).append(i % 9 == 2 ? "-1" : Integer.toString(r.nextInt(255) - 127));
      f32.append(sep).append(i % 5 == 1 ? "1.e+20f" : Float.toString(r.nextFloat() * 100 - 50) + "f");
      i32.append(sep).append(i % 6 == 0 ? "-7" : Integer.toString(r.nextInt()));
    }
    return """
        netcdf packed {
        dimensions:
          x = 40 ;
        variables:
          short packed(x) ;
            packed:scale_factor = 0.01 ;
            packed:add_offset = 273.15 ;
            packed:_FillValue = -999s ;
            packed:units = "K" ;
          short scaled(x) ;
            scaled:scale_factor = 0.5f ;
          short offset(x) ;
            offset:add_offset = 100. ;
          short plain(x) ;
          byte ubytes(x) ;
            ubytes:_Unsigned = "true" ;
            ubytes:_FillValue = -1b ;
            ubytes:scale_factor = 2.f ;
          float masked(x) ;
            masked:_FillValue = 1.e+20f ;
            masked:scale_factor = 0.1f ;
          int missing(x) ;
            missing:missing_value = -7 ;
          int intscaled(x) ;
            intscaled:scale_factor = 1.e-3 ;
            intscaled:add_offset = -5.f ;
        data:
          packed = %1$s ;
          scaled = %1$s ;
          offset = %1$s ;
          plain = %1$s ;
          ubytes = %2$s ;
          masked = %3$s ;
          missing = %4$s ;
          intscaled = %4$s ;
        }
        """.formatted(s16, s8, f32, i32);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nc3", "nc4"})
  void decodesAsXarrayDoes(String kind) throws Exception {
    Path file = NcTools.ncgen(dir, "packed-" + kind, kind, cdl());
    String out = NcTools.python("""
        import sys, xarray as xr
        ds = xr.open_dataset(sys.argv[1])
        for name, v in ds.data_vars.items():
            print(name, v.dtype.name, " ".join(repr(float(x)) for x in v.values.ravel()))
        """, file.toString());
    Map<String, String[]> expected = new HashMap<>();
    for (String line : out.strip().split("\n")) {
      String[] f = line.split(" ");
      expected.put(f[0], f);
    }
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(expected.keySet()).hasSize(f.variables().size());
      for (Variable v : f.variables()) {
        String[] want = expected.get(v.name());
        Slab decoded = CfMaskScale.decode(f.read(v.name()), v.attributes());
        assertThat(CfMaskScale.decodedType(v.dtype(), v.attributes())).as("decoded type of %s", v.name())
            .isEqualTo(decoded.dtype());
        assertThat(numpyName(decoded.dtype())).as("dtype of %s", v.name()).isEqualTo(want[1]);
        for (int i = 0; i < decoded.size(); i++) {
          String w = want[2 + i];
          double expect = w.equals("nan") ? Double.NaN : Double.parseDouble(w);
          assertThat(Double.valueOf(decoded.getDouble(i))).as("%s[%d]", v.name(), i).isEqualTo(Double.valueOf(expect));
        }
      }
    }
  }

  static String numpyName(DType t) {
    return switch (t) {
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case SHORT -> "int16";
      case INT -> "int32";
      case UBYTE -> "uint8";
      default -> t.cdlName();
    };
  }

  @Test
  void keepsOtherAttributesAndRefusesTextScales() {
    Attributes attrs = Attributes.of(Attribute.of("scale_factor", 2.0), Attribute.text("units", "K"),
        Attribute.of("_FillValue", (short) 1));
    assertThat(CfMaskScale.decodedAttributes(attrs).asList()).containsExactly(Attribute.text("units", "K"));
    Slab raw = Slab.of(new short[] {1, 2, 3}, 3);
    assertThat(CfMaskScale.decode(raw, attrs).floats()).containsExactly(Float.NaN, 4f, 6f);
    assertThat(CfMaskScale.decode(raw, Attributes.empty())).isSameAs(raw);
    Attributes bad = Attributes.of(Attribute.text("scale_factor", "two"));
    assertThatThrownBy(() -> CfMaskScale.decode(raw, bad))
        .isInstanceOf(CfException.class)
        .hasMessageContaining("attribute scale_factor must be a number");
  }
}
