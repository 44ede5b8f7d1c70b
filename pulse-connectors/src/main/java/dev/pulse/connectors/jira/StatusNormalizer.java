package dev.pulse.connectors.jira;

import dev.pulse.model.NormalizedStatus;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a raw Jira status to {@link NormalizedStatus} in three layers: the textual table (Portuguese
 * and English, with user overrides), then Jira's status category, then {@code TODO} with a WARN
 * (once per raw status) and a counter.
 *
 * <p>The textual table wins even when the category disagrees: it keeps the in-progress / in-review
 * split that cycle time needs, which the category ({@code indeterminate}) cannot. Thread-safe.
 */
final class StatusNormalizer {
  private static final Logger LOG = LoggerFactory.getLogger(StatusNormalizer.class);

  static final Map<String, NormalizedStatus> DEFAULTS = defaults();

  private final Map<String, NormalizedStatus> table;
  private final Map<String, LongAdder> unmapped = new ConcurrentHashMap<>();
  // Raw names repeat across issues and transitions (a project has tens of them), so their keys are
  // computed once; the cap bounds the memory a source with endless distinct names could take.
  private static final int MAX_CACHED_KEYS = 4096;
  private final Map<String, String> keys = new ConcurrentHashMap<>();

  StatusNormalizer(Map<String, NormalizedStatus> overrides) {
    Map<String, NormalizedStatus> merged = new HashMap<>(DEFAULTS);
    overrides.forEach(
        (k, v) -> merged.put(k.toLowerCase(Locale.ROOT).strip(), Objects.requireNonNull(v, k)));
    this.table = Map.copyOf(merged);
  }

  /**
   * Normalizes a raw status.
   *
   * @param raw the status name as Jira sends it
   * @param category the status category key ({@code new}, {@code indeterminate}, {@code done}), or
   *     null when unknown
   */
  NormalizedStatus normalize(String raw, @Nullable String category) {
    String key = keyOf(raw);
    NormalizedStatus byName = table.get(key);
    if (byName != null) {
      return byName;
    }
    if (category != null) {
      NormalizedStatus byCategory =
          switch (category.toLowerCase(Locale.ROOT).strip()) {
            case "done" -> NormalizedStatus.DONE;
            case "indeterminate" -> NormalizedStatus.IN_PROGRESS;
            case "new" -> NormalizedStatus.TODO;
            default -> null;
          };
      if (byCategory != null) {
        return byCategory;
      }
    }
    LongAdder count = unmapped.computeIfAbsent(raw, k -> new LongAdder());
    if (count.sum() == 0) {
      LOG.warn(
          "jira status \"{}\" is neither in the status table nor has a known category; counted as"
              + " todo (add it to statusMapping)",
          raw);
    }
    count.increment();
    return NormalizedStatus.TODO;
  }

  /**
   * Returns the lookup key of a raw status name (lower case in the root locale, stripped), the form
   * of the status table's and the status categories' keys.
   */
  String keyOf(String raw) {
    String key = keys.get(raw);
    if (key == null) {
      key = raw.toLowerCase(Locale.ROOT).strip();
      if (keys.size() < MAX_CACHED_KEYS) {
        keys.put(raw, key);
      }
    }
    return key;
  }

  Map<String, Long> unmappedCounts() {
    Map<String, Long> out = new TreeMap<>();
    unmapped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static Map<String, NormalizedStatus> defaults() {
    Map<String, NormalizedStatus> m = new HashMap<>();
    put(
        m,
        NormalizedStatus.TODO,
        "to do",
        "todo",
        "backlog",
        "open",
        "new",
        "created",
        "ready",
        "selected for development",
        "refinado",
        "quebra de histórias",
        "priorizado",
        "aguardando histórias",
        "aguardando desenvolvimento",
        "priorizado gp",
        "pronto para o gp",
        "novo",
        "a fazer",
        "aberto",
        "esboçando",
        "ideação",
        "exploração",
        "descoberta",
        "descobrindo",
        "mapeando",
        "desenhando",
        "prototipando",
        "novo chamado",
        "em refinamento",
        "em refinamento de negócio",
        "em refinamento técnico",
        "pré refinamento",
        "aguardando refinamento",
        "aguardando refinamento técnico",
        "aguardando refinamento tecnico",
        "aguardando análise",
        "aguardando definição e refinamento",
        "aguardando handover",
        "aguardando terceiro",
        "aguardando ideação",
        "aguardando aprovação",
        "aguardando validação",
        "priorização técnica",
        "priorizando o negócio",
        "preparando o trabalho",
        "ajustes do trabalho",
        "revisando trabalho",
        "pausado",
        "não aplicável");
    put(
        m,
        NormalizedStatus.IN_PROGRESS,
        "in progress",
        "in development",
        "active",
        "doing",
        "em design",
        "em imersão",
        "em desenvolvimento",
        "em andamento",
        "em progresso",
        "em desenv",
        "em deploy hml",
        "em deploy produção",
        "em deploy azul",
        "construção de hipótese",
        "desenvolvimento",
        "design",
        "analise",
        "análise",
        "em análise",
        "discovery",
        "entendimento");
    // The origin mapped the six English review/test names to in_progress; Pulse keeps them with
    // their Portuguese equivalents in in_review.
    put(
        m,
        NormalizedStatus.IN_REVIEW,
        "in review",
        "code review",
        "review",
        "in testing",
        "testing",
        "qa",
        "aguardando code review",
        "em code review",
        "planejando testes",
        "em teste azul",
        "aguardando teste azul",
        "em teste hml",
        "testando",
        "product review",
        "em verificação",
        "em teste",
        "em teste regressão",
        "em teste integrado hml",
        "em testes integrados",
        "em teste try",
        "homologação",
        "para verificação",
        "pronto para teste",
        "aguardando teste",
        "aguardando teste regressão",
        "aguardando teste hml",
        "aguardando teste try",
        "aguardando review",
        "aguardando deploy",
        "aguardando deploy hml",
        "aguardando deploy azul",
        "aguardando merge",
        "valid. azul",
        "validação",
        "validação infosec",
        "revisão de negócio",
        "em design review");
    put(
        m,
        NormalizedStatus.DONE,
        "done",
        "closed",
        "resolved",
        "complete",
        "completed",
        "released",
        "deployed",
        "verified",
        "cancelled",
        "canceled",
        "won't do",
        "wont do",
        "duplicate",
        "rejected",
        "aguardando deploy produção",
        "concluído",
        "cancelado",
        "fechado",
        "pós-implantação",
        "fechado em prod",
        "fechado em hml",
        "em monitoramento produção",
        "feito",
        "finalizado",
        "publicado",
        "resolvido",
        "entregue",
        "envio para loja",
        "itens concluídos",
        "fechada",
        "recusado",
        "reprovado",
        "solicitação reprovada",
        "falha",
        "arquivo morto",
        "estacionamento");
    return Map.copyOf(m);
  }

  private static void put(Map<String, NormalizedStatus> m, NormalizedStatus s, String... keys) {
    for (String k : keys) {
      if (m.put(k, s) != null) {
        throw new IllegalStateException("duplicate status key " + k);
      }
    }
  }
}
