namespace HybridAI.Grains.Payloads;

/// <summary>
/// Keeps one payload in the job store (in memory in Embedded mode), so every silo of the cluster reads the same
/// bytes: a job grain reactivated on another silo still finds its checkpoint and result.
/// </summary>
public sealed class PayloadGrain([PersistentState("payload", StorageNames.Jobs)] IPersistentState<PayloadRecord> record) : Grain, IPayloadGrain
{
    public async Task PutAsync(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        record.State.Bytes = payload;
        await record.WriteStateAsync();
    }

    public Task<byte[]?> GetAsync()
    {
        if (!record.RecordExists)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(record.RecordExists ? record.State.Bytes : null);
    }

    public async Task DeleteAsync()
    {
        if (record.RecordExists)
        {
            await record.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}
