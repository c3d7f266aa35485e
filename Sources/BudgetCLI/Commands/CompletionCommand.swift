import BudgetText

/// `budget completion bash`: prints the shell completion script.
enum CompletionCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "completion", summary: Message(.printBashCompletionScriptCommands),
            positionals: ["SHELL"],
            options: [],
            example: "source <(budget completion bash)",
            details: Message(.completionDetails)),
        run: { arguments, context in
            let shell = arguments.positional(0)
            guard shell == "bash" else { throw UsageError(.sHELLIsNotSupportedBash, shell) }
            context.write(BashCompletion.script)
        })
}
