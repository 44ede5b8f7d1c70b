package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.model.NormalizedStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every row of the status table in docs (domain rules §2), copied here as text to pin it. */
final class StatusNormalizerTest {
  private static final String TODO =
      "to do, todo, backlog, open, new, created, ready, selected for development, refinado, quebra"
          + " de histórias, priorizado, aguardando histórias, aguardando desenvolvimento, priorizado"
          + " gp, pronto para o gp, novo, a fazer, aberto, esboçando, ideação, exploração,"
          + " descoberta, descobrindo, mapeando, desenhando, prototipando, novo chamado, em"
          + " refinamento, em refinamento de negócio, em refinamento técnico, pré refinamento,"
          + " aguardando refinamento, aguardando refinamento técnico, aguardando refinamento"
          + " tecnico, aguardando análise, aguardando definição e refinamento, aguardando handover,"
          + " aguardando terceiro, aguardando ideação, aguardando aprovação, aguardando validação,"
          + " priorização técnica, priorizando o negócio, preparando o trabalho, ajustes do"
          + " trabalho, revisando trabalho, pausado, não aplicável";
  private static final String IN_PROGRESS =
      "in progress, in development, active, doing, em design, em imersão, em desenvolvimento, em"
          + " andamento, em progresso, em desenv, em deploy hml, em deploy produção, em deploy"
          + " azul, construção de hipótese, desenvolvimento, design, analise, análise, em análise,"
          + " discovery, entendimento";
  private static final String IN_REVIEW =
      "in review, code review, review, in testing, testing, qa, aguardando code review, em code"
          + " review, planejando testes, em teste azul, aguardando teste azul, em teste hml,"
          + " testando, product review, em verificação, em teste, em teste regressão, em teste"
          + " integrado hml, em testes integrados, em teste try, homologação, para verificação,"
          + " pronto para teste, aguardando teste, aguardando teste regressão, aguardando teste"
          + " hml, aguardando teste try, aguardando review, aguardando deploy, aguardando deploy"
          + " hml, aguardando deploy azul, aguardando merge, valid. azul, validação, validação"
          + " infosec, revisão de negócio, em design review";
  private static final String DONE =
      "done, closed, resolved, complete, completed, released, deployed, verified, cancelled,"
          + " canceled, won't do, wont do, duplicate, rejected, aguardando deploy produção,"
          + " concluído, cancelado, fechado, pós-implantação, fechado em prod, fechado em hml, em"
          + " monitoramento produção, feito, finalizado, publicado, resolvido, entregue, envio para"
          + " loja, itens concluídos, fechada, recusado, reprovado, solicitação reprovada, falha,"
          + " arquivo morto, estacionamento";

  private static List<String> rows(String list) {
    return Arrays.stream(list.split(", ")).map(String::strip).toList();
  }

  @Test
  void table_everyRow_mapsAsDocumented_andNothingElseIsInIt() {
    Map<NormalizedStatus, String> expected =
        Map.of(
            NormalizedStatus.TODO, TODO,
            NormalizedStatus.IN_PROGRESS, IN_PROGRESS,
            NormalizedStatus.IN_REVIEW, IN_REVIEW,
            NormalizedStatus.DONE, DONE);
    StatusNormalizer normalizer = new StatusNormalizer(Map.of());
    int total = 0;
    for (Map.Entry<NormalizedStatus, String> e : expected.entrySet()) {
      for (String row : rows(e.getValue())) {
        // Category "done" would win if the row were missing: the table must decide.
        NormalizedStatus against =
            e.getKey() == NormalizedStatus.DONE ? NormalizedStatus.TODO : NormalizedStatus.DONE;
        assertEquals(
            e.getKey(),
            normalizer.normalize(row, against == NormalizedStatus.DONE ? "done" : "new"),
            row);
        assertEquals(e.getKey(), StatusNormalizer.DEFAULTS.get(row), row);
        total++;
      }
    }
    assertEquals(48, rows(TODO).size());
    assertEquals(21, rows(IN_PROGRESS).size());
    assertEquals(37, rows(IN_REVIEW).size());
    assertEquals(36, rows(DONE).size());
    assertEquals(142, total);
    assertEquals(142, StatusNormalizer.DEFAULTS.size(), "no row beyond the documented ones");
    assertEquals(Map.of(), normalizer.unmappedCounts());
  }

  @Test
  void lookup_lowerCasedAndStripped_accentsNotFolded() {
    StatusNormalizer normalizer = new StatusNormalizer(Map.of());
    assertEquals(NormalizedStatus.DONE, normalizer.normalize("  FECHADO EM PROD ", null));
    assertEquals(NormalizedStatus.IN_REVIEW, normalizer.normalize("Homologação", null));
    assertEquals(
        NormalizedStatus.TODO,
        normalizer.normalize("Homologacao", null),
        "no accent folding: the unaccented spelling is not in the table");
    assertEquals(Map.of("Homologacao", 1L), normalizer.unmappedCounts());
  }

  @Test
  void category_fallback_done_indeterminate_new_elseTodoCounted() {
    StatusNormalizer normalizer = new StatusNormalizer(Map.of());
    assertEquals(NormalizedStatus.DONE, normalizer.normalize("Shipped", " DONE "));
    assertEquals(
        NormalizedStatus.IN_PROGRESS,
        normalizer.normalize("Pairing", "indeterminate"),
        "indeterminate is in_progress, never in_review");
    assertEquals(NormalizedStatus.TODO, normalizer.normalize("Icebox", "new"));
    assertEquals(NormalizedStatus.TODO, normalizer.normalize("Mystery", "undefined"));
    assertEquals(NormalizedStatus.TODO, normalizer.normalize("Mystery", null));
    assertEquals(Map.of("Mystery", 2L), normalizer.unmappedCounts());
  }

  @Test
  void overrides_lowerCasedKeys_winOverDefaults() {
    StatusNormalizer normalizer =
        new StatusNormalizer(
            Map.of("QA", NormalizedStatus.IN_PROGRESS, "Pairing", NormalizedStatus.IN_REVIEW));
    assertEquals(NormalizedStatus.IN_PROGRESS, normalizer.normalize("qa", null));
    assertEquals(NormalizedStatus.IN_REVIEW, normalizer.normalize("PAIRING", "indeterminate"));
  }
}
