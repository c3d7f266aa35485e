import BudgetModel

/// `budget export --format beancount`: the export as a beancount file. Every account is opened
/// (restricted to CNY) on the date of its first posting, with its project and source as
/// metadata; texts are double-quoted with `\` and `"` escaped, so they pass through unchanged.
public enum BeancountJournal {
    public static func render(_ export: LedgerExport) -> String {
        export.transactions.reduce(header(export)) { $0 + transaction($1, name: export.name) }
    }

    /// What comes before the transactions: the comments, the options and the opened accounts.
    public static func header(_ export: LedgerExport) -> String {
        var out = export.header.map { "; " + $0 + "\n" }.joined() + "\n"
        out += "option \"title\" \"budget export\"\n"
        out += "option \"operating_currency\" \"CNY\"\n\n"
        for (account, opened) in export.accounts {
            out += "\(opened) open \(export.name(account)) CNY\n"
            out += "  project: \(quoted(account.project))\n  source: \(quoted(account.source.rawValue))\n"
        }
        return out
    }

    /// One transaction, after a blank line.
    public static func transaction(_ transaction: ExportTransaction, name: (LedgerAccount) -> String) -> String {
        var out = "\n" + transaction.date.text + " * "
        if let payee = transaction.payee { out += quoted(payee) + " " }
        out += quoted(transaction.narration) + "\n"
        out += "  seq: " + String(transaction.seq) + "\n"
        return out + HledgerJournal.postings(transaction.postings, name: name, indent: 2)
    }

    /// A beancount string: in double quotes, with backslash and quote escaped.
    public static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) else { return "\"" + text + "\"" }
        var out = "\""
        for character in text {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
