package dev.exporthub.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FormulaGuardTest {

  @Test
  @DisplayName("cells starting like a formula, or with the mark, get the mark; others stay as they are")
  void guard() {
    for (String cell : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x", "'quoted"}) {
      assertEquals("'" + cell, FormulaGuard.guard(cell));
      assertTrue(FormulaGuard.guards(cell.charAt(0)));
    }
    for (String cell : new String[] {"", "plain", "1-1", " =1", "\"=1\""}) {
      assertEquals(cell, FormulaGuard.guard(cell));
    }
    assertFalse(FormulaGuard.guards('a'));
    assertFalse(FormulaGuard.guards('\n'));
  }
}
