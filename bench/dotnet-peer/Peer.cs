using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace CgipBench
{
    /// <summary>
    /// The call under test, configured as AWS.Tools configures a client for -EndpointUrl -Region -AccessKey
    /// -SecretKey: static keys, ServiceURL, standard retry with 3 attempts, 100 s timeout. Public so that the
    /// pwsh worker builds the very same client and request.
    /// </summary>
    public static class Peer
    {
        public static AmazonDynamoDBClient CreateClient(string endpoint) =>
            new AmazonDynamoDBClient(
                new BasicAWSCredentials("AKIDTEST", "test-secret"),
                new AmazonDynamoDBConfig
                {
                    ServiceURL = endpoint,
                    AuthenticationRegion = "us-east-1",
                    MaxErrorRetry = 2,
                    Timeout = TimeSpan.FromSeconds(100),
                });

        public static GetItemRequest CreateRequest(string user) => new GetItemRequest
        {
            TableName = "bench",
            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = user } },
        };

        /// <summary>One call, checked as the module's worker checks its answer: a non-empty access token.</summary>
        public static async Task OnceAsync(AmazonDynamoDBClient client, GetItemRequest request)
        {
            var r = await client.GetItemAsync(request).ConfigureAwait(false);
            if (r.Item == null || !r.Item.TryGetValue("AccessToken", out var token) || string.IsNullOrEmpty(token.S))
                throw new InvalidDataException("the response has no Item.AccessToken");
        }
    }

    internal static class Program
    {
        private static readonly double TickNs = 1e9 / Stopwatch.Frequency;

        private static long Ns(long ticks) => (long)(ticks * TickNs);

        private static long? RssAnonBytes()
        {
            if (!File.Exists("/proc/self/status")) return null;
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
            return line == null ? (long?)null : long.Parse(line.Split((char[])null, StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }

        private static int Main(string[] argv)
        {
            var startedAt = Process.GetCurrentProcess().StartTime;
            if (argv.Length < 1) return Usage();
            var mode = argv[0];
            var opt = new Dictionary<string, string>();
            for (var i = 1; i + 1 < argv.Length; i += 2) opt[argv[i]] = argv[i + 1];
            if (!opt.TryGetValue("--endpoint", out var endpoint)) return Usage();
            var user = opt.TryGetValue("--user", out var u) ? u : "bench-user";
            int Number(string name, int fallback) => opt.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
            var calls = Number("--calls", 1000);
            var warmup = Number("--warmup", 50);
            var concurrency = Math.Max(1, Number("--concurrency", 1));
            var checkpoints = (opt.TryGetValue("--checkpoints", out var c) ? c : "10,10000")
                .Split(',').Select(int.Parse).Distinct().OrderBy(x => x).ToArray();

            object result;
            switch (mode)
            {
                case "first-call": result = FirstCall(endpoint, user, startedAt); break;
                case "latency": result = Latency(endpoint, user, calls, warmup); break;
                case "throughput": result = Throughput(endpoint, user, calls, warmup, concurrency); break;
                case "memory": result = Memory(endpoint, user, checkpoints); break;
                default: return Usage();
            }
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }

        private static int Usage()
        {
            Console.Error.WriteLine("usage: cgip-bench-dotnet-peer first-call|latency|throughput|memory --endpoint URL [--user NAME] " +
                                    "[--calls N] [--warmup N] [--concurrency N] [--checkpoints N,N,...]");
            return 2;
        }

        private static object FirstCall(string endpoint, string user, DateTime startedAt)
        {
            var sw = Stopwatch.StartNew();
            var client = Peer.CreateClient(endpoint);
            var request = Peer.CreateRequest(user);
            var clientTicks = sw.ElapsedTicks;
            sw.Restart();
            Peer.OnceAsync(client, request).GetAwaiter().GetResult();
            var first = sw.ElapsedTicks;
            var age = (DateTime.Now - startedAt).Ticks * 100;
            sw.Restart();
            Peer.OnceAsync(client, request).GetAwaiter().GetResult();
            var second = sw.ElapsedTicks;
            return new Dictionary<string, long>
            {
                ["client_ns"] = Ns(clientTicks), ["first_call_ns"] = Ns(first), ["second_call_ns"] = Ns(second),
                ["process_age_at_first_answer_ns"] = age,
            };
        }

        private static object Latency(string endpoint, string user, int calls, int warmup)
        {
            var client = Peer.CreateClient(endpoint);
            var request = Peer.CreateRequest(user);
            for (var i = 0; i < warmup; i++) Peer.OnceAsync(client, request).GetAwaiter().GetResult();
            var samples = new long[calls];
            // Process-wide and precise: the SDK's async pipeline allocates on pool threads too.
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var sw = new Stopwatch();
            for (var i = 0; i < calls; i++)
            {
                sw.Restart();
                Peer.OnceAsync(client, request).GetAwaiter().GetResult();
                samples[i] = Ns(sw.ElapsedTicks);
            }
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            return new Dictionary<string, object>
            {
                ["samples_ns"] = samples, ["allocated_bytes_per_call"] = allocated / Math.Max(1, calls),
                ["rss_bytes_end"] = Process.GetCurrentProcess().WorkingSet64,
            };
        }

        private static object Throughput(string endpoint, string user, int calls, int warmup, int concurrency)
        {
            var client = Peer.CreateClient(endpoint);
            var request = Peer.CreateRequest(user);
            var perTask = (calls + concurrency - 1) / concurrency;
            // Warm one connection per task, then start everyone together.
            Task.WaitAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (var i = 0; i < Math.Max(1, warmup); i++) await Peer.OnceAsync(client, request).ConfigureAwait(false);
            }).ToArray());
            var sw = Stopwatch.StartNew();
            Task.WaitAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (var i = 0; i < perTask; i++) await Peer.OnceAsync(client, request).ConfigureAwait(false);
            }).ToArray());
            return new Dictionary<string, long>
            {
                ["calls"] = perTask * concurrency, ["concurrency"] = concurrency, ["elapsed_ns"] = Ns(sw.ElapsedTicks),
            };
        }

        private static object Memory(string endpoint, string user, int[] checkpoints)
        {
            var client = Peer.CreateClient(endpoint);
            var request = Peer.CreateRequest(user);
            var done = 0;
            var points = new List<Dictionary<string, long?>>();
            foreach (var target in checkpoints)
            {
                for (; done < target; done++) Peer.OnceAsync(client, request).GetAwaiter().GetResult();
                GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
                points.Add(new Dictionary<string, long?>
                {
                    ["calls"] = done, ["working_set_bytes"] = Process.GetCurrentProcess().WorkingSet64,
                    ["gc_heap_bytes"] = GC.GetTotalMemory(false), ["rss_anon_bytes"] = RssAnonBytes(),
                });
            }
            return new Dictionary<string, object> { ["checkpoints"] = points };
        }
    }
}
