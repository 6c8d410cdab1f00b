using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lyra.Testing;

/// <summary>A logger that keeps every formatted message (to assert what was logged, and what never was).</summary>
/// <typeparam name="T">The category.</typeparam>
public sealed class RecordingLogger<T> : ILogger<T>
{
    /// <summary>Messages in order.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>The structured properties of each message, in order (what a telemetry exporter records as dimensions).</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, object?>> Properties { get; } = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Messages.Enqueue(formatter(state, exception));
        Properties.Enqueue(state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : new Dictionary<string, object?>());
    }
}
