package dev.pulse.internal;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for identifiers that must compare equal when they look equal (scope keys, tenants):
 * normalize, then reject what could make two look-alike values differ.
 *
 * <ul>
 *   <li>Normalized to NFC (an NFD {@code CAFE\u0301} equals {@code CAFÉ}), with the Halfwidth and
 *       Fullwidth Forms block folded by NFKC ({@code ＢＧ} equals {@code BG}).
 *   <li>Rejected: control (Cc), format (Cf: zero-width space, bidi overrides, BOM), surrogate (a
 *       lone half), private-use and unassigned characters, and every space or line separator other
 *       than the ASCII space ({@code BG\u00A0}).
 *   <li>Rejected: letters from more than one of the Latin, Cyrillic and Greek scripts in one value
 *       (a Cyrillic {@code В} in {@code ВG}). A value written wholly in Cyrillic or Greek is a
 *       legitimate name and is accepted; it is not folded to Latin, so a whole-script look-alike
 *       ({@code ВС} against {@code BC}) stays a different value.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {
  private Names() {}

  /**
   * Returns the normalized form: NFC, with fullwidth and halfwidth forms folded.
   *
   * @param text the text
   * @return the normalized text
   */
  public static String normalize(String text) {
    String out = text;
    if (!Normalizer.isNormalized(out, Normalizer.Form.NFC)) {
      out = Normalizer.normalize(out, Normalizer.Form.NFC);
    }
    if (!hasWidthForms(out)) {
      return out;
    }
    StringBuilder folded = new StringBuilder(out.length());
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c >= '\uFF00' && c <= '\uFFEF') {
        folded.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
      } else {
        folded.append(c);
      }
    }
    return Normalizer.normalize(folded, Normalizer.Form.NFC);
  }

  /**
   * Describes the first character the rule rejects, or returns null when there is none. The
   * description names the character by code point and index, never echoes it raw.
   *
   * @param text the normalized text to check
   * @param allowAsciiSpace whether the ASCII space is allowed
   * @return the problem, or null
   */
  public static @Nullable String firstProblem(String text, boolean allowAsciiSpace) {
    boolean latin = false;
    boolean cyrillic = false;
    boolean greek = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int type = Character.getType(cp);
      String kind =
          switch (type) {
            case Character.CONTROL -> "a control character";
            case Character.FORMAT -> "an invisible format character";
            case Character.SURROGATE -> "a lone surrogate";
            case Character.PRIVATE_USE -> "a private-use character";
            case Character.UNASSIGNED -> "an unassigned character";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line separator";
            case Character.SPACE_SEPARATOR -> spaceProblem(cp, allowAsciiSpace);
            default -> null;
          };
      if (kind != null) {
        return kind + " " + codePoint(cp) + " at index " + i;
      }
      if (Character.isLetter(cp)) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        latin |= script == Character.UnicodeScript.LATIN;
        cyrillic |= script == Character.UnicodeScript.CYRILLIC;
        greek |= script == Character.UnicodeScript.GREEK;
        if ((latin ? 1 : 0) + (cyrillic ? 1 : 0) + (greek ? 1 : 0) > 1) {
          return "letters of mixed Latin, Cyrillic or Greek script (look-alikes) at index " + i;
        }
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private static @Nullable String spaceProblem(int cp, boolean allowAsciiSpace) {
    if (cp == ' ' && allowAsciiSpace) {
      return null;
    }
    return "a space character";
  }

  private static boolean hasWidthForms(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFF00' && c <= '\uFFEF') {
        return true;
      }
    }
    return false;
  }

  private static String codePoint(int cp) {
    return String.format(Locale.ROOT, "U+%04X", cp);
  }
}
