import BudgetText
import BudgetModel
import BudgetProjections

/// `budget declare`: records a project's self-evaluation form as submitted, mistakes and all.
enum DeclareCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "declare", summary: Message(.recordProjectSSelfEvaluation),
            positionals: ["ID"],
            options: [
                .init(name: "file", value: "FORM.json", required: false, help: Message(.formAsJSONSeeBelow)),
                .init(name: "unit", value: "U", required: false, help: Message(.unitOfFundBlockDefault)),
                .init(name: "fund-total", value: "ROW", required: false, help: Message(.iNITIALFULLYEAREXECUTEDRATEFor)),
                .init(name: "fund-current", value: "ROW", required: false, help: Message(.fundCurrentRowHelp)),
                .init(name: "fund-carryover", value: "ROW", required: false, help: Message(.fundCarryoverRowHelp)),
                .init(name: "fund-other", value: "ROW", required: false, help: Message(.fundOtherRowHelp)),
                .init(name: "execution-weight", value: "POINTS", required: false, help: Message(.ofExecutionRow)),
                .init(name: "execution-score", value: "POINTS", required: false, help: Message(.ofExecutionRow2)),
                .init(name: "scores", value: "IND=P,…", required: false, help: Message(.eachIndicatorSByIndicator)),
                .init(name: "indicator-score", value: "POINTS", required: false, help: Message(.indicatorTotalIfFormPrints)),
                .init(name: "total-score", value: "POINTS", required: false, help: "总分"),
                .init(name: "grade", value: "G", required: false, help: Message(.ifPrintedOr)),
                .init(name: "execution-reason", value: "TEXT", required: false, help: Message(.givenForExecutionRate)),
                .init(name: "date", value: "DATE", required: true, help: Message(.businessDateYYYYMMDD)),
                .init(name: "memo", value: "TEXT", required: false, help: Message(.noteHelp)),
                CommonOptions.key,
            ],
            example: "budget declare jbhjz-2023 --fund-total '19.52 547.98 541.6 100%' --fund-carryover '19.52 19.52 15.91 -' --execution-score 10 --scores out-01=5,out-02=10 --total-score 90 --date 2023-12-31",
            details: Message(.declareDetails)),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            let memo = try arguments.text("memo")
            let form: FormDeclaration
            if let path = arguments.options["file"] {
                if let flag = DeclaredFormFlags.figureOptions.first(where: { arguments.options[$0] != nil }) {
                    throw UsageError(.giveFiguresByFileOr, flag)
                }
                let bytes = try context.readInput(path, option: "file", limit: DeclaredFormFile.bytesMax)
                form = try DeclaredFormFile.read(bytes, path: path, project: project, memo: memo)
            } else {
                form = try DeclaredFormFlags.read(arguments, project: project, memo: memo)
            }
            guard !form.isEmpty else { throw UsageError(.nothingToDeclareGiveFile) }
            try context.record(EventDraft(key: key, date: date, body: .formDeclared(form)))
        })
}
