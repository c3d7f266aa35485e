import BudgetText
import BudgetModel
import BudgetProjections

/// What a shell may offer after each option: the option's closed set of values, or files.
enum CompletionValues {
    /// Every closed value some option accepts: formats, fund sources, indicator levels, grades,
    /// the lower-is-better rules and the fund block's units.
    static let vocabulary: Set<String> = Set(
        ["table", "json", "csv", "jsonl", "html", "xlsx", "md", "svg", "hledger", "beancount", "万元", "元"]
            + FundSource.allCases.map(\.rawValue) + IndicatorLevel.allCases.map(\.rawValue)
            + Achievement.allCases.map(\.rawValue) + Grade.allCases.map(\.rawValue) + LowerIsBetterRule.allCases.map(\.rawValue))

    /// Placeholders of options whose value is one of a closed set named in their help.
    static let closedPlaceholders: Set<String> = ["F", "S", "L", "G", "U", "RULE"]

    /// Placeholders of values that name files.
    static let filePlaceholders: Set<String> = ["PATH", "FILE", "FORM.json"]

    /// The values of `option`: its declared choices, else the known values its help names, in
    /// the order it names them ("table (default), json or csv" → table json csv). A command
    /// that declares no choices still completes, and no list is kept twice.
    static func choices(_ option: CommandSpec.Option) -> [String] {
        guard option.choices.isEmpty else { return option.choices }
        guard closedPlaceholders.contains(option.value) else { return [] }
        var seen: [String] = []
        for word in words(of: option.help.description) where vocabulary.contains(word) && !seen.contains(word) { seen.append(word) }
        return seen
    }

    static func isFile(_ placeholder: String) -> Bool { filePlaceholders.contains(placeholder) }

    /// The help's words: runs of letters, digits and '-'.
    static func words(of text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
    }
}
