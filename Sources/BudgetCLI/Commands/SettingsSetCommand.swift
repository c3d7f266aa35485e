import BudgetModel
import BudgetProjections

/// `settings set`: how the journal's forms are titled when handed in.
enum SettingsSetCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "settings set", summary: "Set how the forms are titled (表式设置): the region and the attachment number, as the notice prints them.",
            positionals: [],
            options: [
                .init(name: "region", value: "TEXT", required: false, help: "the region before the title: 自治区 gives 自治区项目支出绩效自评表"),
                .init(name: "attachment", value: "TEXT", required: false, help: "the attachment number above the title, e.g. 附件5"),
                .init(name: "date", value: "DATE", required: true, help: "business date"),
                CommonOptions.key,
            ],
            example: "budget settings set --region 自治区 --attachment 附件5 --date 2023-01-01",
            details: "A value left out keeps its setting. `budget form --region/--attachment` override them for one form."),
        run: { arguments, context in
            let settings = FormSettings(region: try arguments.text("region"), attachment: try arguments.text("attachment"))
            guard settings.region != nil || settings.attachment != nil else { throw UsageError("give --region, --attachment or both") }
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            try context.record { _, _ in EventDraft(key: key, date: date, body: .settingsSet(settings)) }
        })
}
