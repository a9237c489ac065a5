using Azure.Data.Tables;
using HybridAI.Integration.Tests.Infrastructure;

namespace HybridAI.Integration.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ClusterMembershipTests
{
    [Fact]
    public async Task Two_silo_processes_join_one_cluster_through_azure_table_membership()
    {
        var clusterId = "membership-" + Guid.NewGuid().ToString("N")[..8];
        await using var first = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());
        await using var second = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());

        var seenByFirst = await first.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(90));
        var seenBySecond = await second.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(30));

        Assert.Equal(seenByFirst.Silos, seenBySecond.Silos);
        Assert.Equal("AzureStorage", seenByFirst.Mode);

        // The membership really lives in Azure Table storage: both silos are rows of this cluster, marked active.
        var table = new TableServiceClient(AzuriteFixture.ConnectionString).GetTableClient("OrleansSiloInstances");
        var rows = table.Query<TableEntity>(e => e.PartitionKey == clusterId).Where(e => e.RowKey != "VersionRow").ToList();
        Assert.Equal(2, rows.Count(r => r.GetString("Status") == "Active"));
        Assert.Contains(rows, r => r.GetString("Port") == first.Ports.Silo.ToString());
        Assert.Contains(rows, r => r.GetString("Port") == second.Ports.Silo.ToString());
    }

    [Fact]
    public async Task Silo_pointed_at_a_wrong_storage_account_fails_to_start_and_says_why()
    {
        const string wrongAccount =
            "DefaultEndpointsProtocol=http;AccountName=nosuchaccount;AccountKey=bm90LXRoZS1rZXktb2YtYW55LWFjY291bnQtYXQtYWxsLW5vLXNpcg==;" +
            "BlobEndpoint=http://127.0.0.1:10000/nosuchaccount;TableEndpoint=http://127.0.0.1:10002/nosuchaccount;";
        await using var silo = SiloProcess.Start("wrong-" + Guid.NewGuid().ToString("N")[..8], wrongAccount, SiloPorts.Allocate());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(120)));

        Assert.True(silo.HasExited, $"the silo should have exited, but it is still running: {error.Message}");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("nosuchaccount", silo.Output, StringComparison.OrdinalIgnoreCase);
    }
}
