import BudgetModel
import BudgetProjections

/// `budget declare`: records a project's self-evaluation form as submitted, mistakes and all.
enum DeclareCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "declare", summary: "Record a project's self-evaluation form as submitted (报送自评表), to reconcile it with `budget check`.",
            positionals: ["ID"],
            options: [
                .init(name: "file", value: "FORM.json", required: false, help: "the form as JSON (see below); or give the figures by the options that follow"),
                .init(name: "unit", value: "U", required: false, help: "the unit of the fund block: 万元 (default, as the forms print it) or 元"),
                .init(name: "fund-total", value: "ROW", required: false, help: "年度资金总额: 'INITIAL FULLYEAR EXECUTED [RATE]', - for a blank cell"),
                .init(name: "fund-current", value: "ROW", required: false, help: "当年财政拨款 row"),
                .init(name: "fund-carryover", value: "ROW", required: false, help: "上年结转资金 row"),
                .init(name: "fund-other", value: "ROW", required: false, help: "其他资金 row"),
                .init(name: "execution-weight", value: "POINTS", required: false, help: "分值 of the execution row"),
                .init(name: "execution-score", value: "POINTS", required: false, help: "得分 of the execution row"),
                .init(name: "scores", value: "IND=P,…", required: false, help: "each indicator's 得分, by indicator id"),
                .init(name: "indicator-score", value: "POINTS", required: false, help: "the indicator total, if the form prints one"),
                .init(name: "total-score", value: "POINTS", required: false, help: "总分"),
                .init(name: "grade", value: "G", required: false, help: "评价等级 if printed: 优, 良, 中 or 差"),
                .init(name: "execution-reason", value: "TEXT", required: false, help: "偏差原因 given for the execution rate"),
                .init(name: "date", value: "DATE", required: true, help: "business date, YYYY-MM-DD, in the project's fiscal year or the year after"),
                .init(name: "memo", value: "TEXT", required: false, help: "a note"),
                CommonOptions.key,
            ],
            example: "budget declare jbhjz-2023 --fund-total '19.52 547.98 541.6 100%' --fund-carryover '19.52 19.52 15.91 -' --execution-score 10 --scores out-01=5,out-02=10 --total-score 90 --date 2023-12-31",
            details: """
            Records the figures exactly as printed, so a wrong one stays wrong: `budget check` then reports it. A later declaration of the project supersedes this one. The date may fall in the project's year or the year after.
            FORM.json: {"unit": "万元", "funds": {"total": {"initial": "196.8", "fullYear": "185.58", "executed": "133.43", "rate": "71.90%"}, "current": {…}}, "executionWeight": "10", "executionScore": "7.2", "indicators": {"out-01": "2"}, "indicatorScore": "90", "totalScore": "97.2", "grade": "优", "executionReason": "…"}
            """),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            let memo = try arguments.text("memo")
            let form: FormDeclaration
            if let path = arguments.options["file"] {
                if let flag = DeclaredFormFlags.figureOptions.first(where: { arguments.options[$0] != nil }) {
                    throw UsageError("give the figures by --file or by options, not both (--\(flag) given with --file)")
                }
                let bytes = try context.readInput(path, option: "file", limit: DeclaredFormFile.bytesMax)
                form = try DeclaredFormFile.read(bytes, path: path, project: project, memo: memo)
            } else {
                form = try DeclaredFormFlags.read(arguments, project: project, memo: memo)
            }
            guard !form.isEmpty else { throw UsageError("nothing to declare: give --file FORM.json or at least one of the figure options") }
            try context.record(EventDraft(key: key, date: date, body: .formDeclared(form)))
        })
}
