import BudgetText
import BudgetModel
import BudgetProjections

/// `settings set`: how the journal's forms are titled when handed in.
enum SettingsSetCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "settings set", summary: Message(.setHowFormsAreTitled),
            positionals: [],
            options: [
                .init(name: "region", value: "TEXT", required: false, help: Message(.regionBeforeTitleGives)),
                .init(name: "attachment", value: "TEXT", required: false, help: Message(.attachmentNumberAboveTitleE)),
                .init(name: "date", value: "DATE", required: true, help: Message(.businessDate)),
                CommonOptions.key,
            ],
            example: "budget settings set --region 自治区 --attachment 附件5 --date 2023-01-01",
            details: Message(.valueLeftOutKeepsIts)),
        run: { arguments, context in
            let settings = FormSettings(region: try arguments.text("region"), attachment: try arguments.text("attachment"))
            guard settings.region != nil || settings.attachment != nil else { throw UsageError(.giveRegionAttachmentOrBoth) }
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            try context.record { _, _ in EventDraft(key: key, date: date, body: .settingsSet(settings)) }
        })
}
