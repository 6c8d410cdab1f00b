using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Lyra.Cli.Terminal;

/// <summary>
/// Logs one line per entry (<c>HH:mm:ss warn: Category[id] message</c>, as the simple console logger's single-line form)
/// to a writer of whole lines, synchronously: under a live progress bar each line must reach the terminal through the
/// bar's console, which prints it above the bar instead of through it.
/// </summary>
internal sealed class LineLoggerProvider(Action<string> writeLine, TimeProvider time) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, writeLine, time);

    /// <inheritdoc />
    public void Dispose() { }

    private sealed class LineLogger(string category, Action<string> writeLine, TimeProvider time) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch
            {
                LogLevel.Trace => "trce", LogLevel.Debug => "dbug", LogLevel.Information => "info",
                LogLevel.Warning => "warn", LogLevel.Error => "fail", _ => "crit",
            };
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            var error = exception is null ? "" : $" {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}";
            writeLine(string.Create(CultureInfo.InvariantCulture, $"{time.GetLocalNow():HH:mm:ss} {level}: {category}[{eventId.Id}] {message}{error}"));
        }
    }
}
