namespace TiersPayant.Cli;

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post each report to the thread pool, out of order with the bar).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
