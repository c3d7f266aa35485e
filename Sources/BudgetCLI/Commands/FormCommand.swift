import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

/// `budget form`: each project's 项目支出绩效自评表 in the layout of the printed form, for
/// handing in, with the findings of `budget check` beside the figures they question.
enum FormCommand {
    static let formats = ["html", "xlsx", "csv", "md"]

    static let command = Command(
        spec: CommandSpec(
            name: "form", summary: Message(.renderEachProjectSSelf),
            positionals: ["ID"], variadic: true,
            options: [ReplayOptions.asOf, ReplayOptions.at, ReplayOptions.knownAt,
                      .init(name: "format", value: "F", required: false, help: Message(.htmlDefaultXlsxCsvOr)),
                      .init(name: "output", value: "PATH", required: false, help: Message(.writeToPATHInsteadOf)),
                      .init(name: "review", value: "", required: false, help: Message(.addReviewMarksCheckS), flag: true),
                      .init(name: "region", value: "TEXT", required: false, help: Message(.regionInTitleInsteadOf)),
                      .init(name: "attachment", value: "TEXT", required: false, help: Message(.attachmentNumberAboveTitleInstead))],
            example: "budget --journal Journal/2023.jsonl form --as-of 2023-12-31 --format xlsx --output 2023-自评表.xlsx",
            details: Message(.formDetails)),
        run: { arguments, context in
            let format = try arguments.format(formats)
            let output = arguments.options["output"]
            if format == "xlsx" && output == nil {
                throw UsageError(.formatXlsxWritesBinaryWorkbook)
            }
            let point = try ReplayOptions.point(arguments)
            // One read of every event: the figures, the checks and the execution curves together.
            var fold = FormFold(asOf: point.asOf)
            try ReplayOptions.confirm(point, projects: arguments.positionals, in: context.store.replay(&fold, to: point))
            let report = LedgerReport(projection: fold.check.projection, options: ReportOptions(projects: arguments.positionals, point: point))
            let check = fold.check.report(asOf: point.asOf, projects: arguments.positionals, today: try context.today())
            let review = arguments.flag("review")
            let settings = fold.check.projection.formSettings.updated(by: FormSettings(region: try arguments.text("region"), attachment: try arguments.text("attachment")))
            var forms = FormReport(report: report, check: check, onlyProjectsWithForms: arguments.positionals.isEmpty, settings: settings, review: review, language: context.language)
            if format == "html" && review {
                for form in forms.forms { forms.curves[form.project] = fold.curves.curve(of: form.project) }
            }
            let bytes: [UInt8]
            switch format {
            case "xlsx":
                do { bytes = try FormWorkbook.render(forms) } catch { throw Rejection(.workbookCouldNotBeWritten, error) }
            case "csv": bytes = Array(FormCSV.render(forms).utf8)
            case "md": bytes = Array(FormMarkdown.render(forms).utf8)
            default: bytes = Array(FormHTML.render(forms).utf8)
            }
            guard let output else { return context.write(String(decoding: bytes, as: UTF8.self)) }
            try OutputFile.write(bytes, to: output, journal: context.store.path)
            context.write(Message(.wroteFormSToBytes, forms.forms.count, output, format, bytes.count))
        })
}

/// What a form is made of, folded in one read: the figures and checks, and the execution curves.
struct FormFold: EventFold {
    var check = CheckFold()
    var curves: ExecutionCurves

    init(asOf: BusinessDate?) { curves = ExecutionCurves(asOf: asOf) }

    mutating func apply(_ event: Event) {
        check.apply(event)
        curves.apply(event)
    }
}
