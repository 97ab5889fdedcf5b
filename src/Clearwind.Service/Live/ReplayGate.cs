namespace Clearwind.Service.Live;

/// <summary>
/// Holds the replay of a start until <see cref="Opened"/> completes (a faulted task fails the replay). Not registered by
/// the service: a test registers one to see the engine while it warms up, deterministically.
/// </summary>
internal sealed class ReplayGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Opened => _opened.Task;

    public void Open() => _opened.TrySetResult();

    public void Fail(Exception exception) => _opened.TrySetException(exception);
}
