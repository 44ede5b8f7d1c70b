package dev.pulse.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Jackson configuration that makes the JSON Pulse renders safe to inline in an HTML page or a
 * {@code <script>} block: {@code <}, {@code >}, {@code &} and {@code '} are written as {@code
 * \}{@code uXXXX}, as are U+2028 and U+2029 (line breaks to JavaScript), every control (Cc) and
 * format (Cf) character and every surrogate, so none passes through raw. The output is still
 * standard JSON that any parser reads back to the same strings.
 *
 * <p>Thread-safe: the escapes are immutable and may be shared by any number of mappers.
 */
public final class SafeJson {
  private static final InlineSafeEscapes ESCAPES = new InlineSafeEscapes();

  private SafeJson() {}

  /**
   * Returns a new mapper whose generators use {@link #escapes()}.
   *
   * @return the mapper
   */
  public static ObjectMapper newMapper() {
    return configure(new ObjectMapper());
  }

  /**
   * Sets {@link #escapes()} on the mapper's factory; call before the mapper is shared.
   *
   * @param mapper the mapper to configure
   * @return the same mapper
   */
  public static ObjectMapper configure(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    mapper.getFactory().setCharacterEscapes(ESCAPES);
    return mapper;
  }

  /**
   * Returns the character escapes, for a {@code JsonFactory} or {@code JsonGenerator} built by
   * hand.
   *
   * @return the shared escapes
   */
  public static CharacterEscapes escapes() {
    return ESCAPES;
  }

  private static final class InlineSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    InlineSafeEscapes() {
      int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\'', '\u007f'}) {
        codes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
      this.ascii = codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      int type = Character.getType(ch);
      if (ch == '\u2028'
          || ch == '\u2029'
          || type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.SURROGATE) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
      }
      return null;
    }
  }
}
