"""Benchmark peer: the same AdminInitiateAuth calls with boto3 (client created once, endpoint_url).

    python boto3_peer.py MODE --endpoint URL --pool ID --client-id ID --user NAME --password PW
                         [--calls N] [--warmup N] [--concurrency N] [--checkpoints N,N,...]
    MODE: first-call | latency | throughput | memory

Prints one JSON object on stdout. Times are nanoseconds, memory is KiB (VmRSS). Run by bench/run.ps1.
"""
import time

_started = time.perf_counter_ns()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402


def rss_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["first-call", "latency", "throughput", "memory"])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--pool", required=True)
    p.add_argument("--client-id", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--checkpoints", default="10,10000")
    a = p.parse_args()

    t = time.perf_counter_ns()
    import boto3  # noqa: PLC0415  (timed on purpose)

    import_ns = time.perf_counter_ns() - t

    def make_client():
        return boto3.client(
            "cognito-idp",
            endpoint_url=a.endpoint,
            region_name="us-east-1",
            aws_access_key_id="AKIDTEST",
            aws_secret_access_key="test-secret",
        )

    params = {"USERNAME": a.user, "PASSWORD": a.password}

    def call(client):
        r = client.admin_initiate_auth(
            UserPoolId=a.pool, ClientId=a.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters=params
        )
        if not r.get("AuthenticationResult", {}).get("AccessToken"):
            sys.exit("boto3_peer: the response has no AuthenticationResult.AccessToken")

    if a.mode == "first-call":
        t = time.perf_counter_ns()
        client = make_client()
        client_ns = time.perf_counter_ns() - t
        t = time.perf_counter_ns()
        call(client)
        first_ns = time.perf_counter_ns() - t
        t = time.perf_counter_ns()
        call(client)
        second_ns = time.perf_counter_ns() - t
        out = {
            "import_ns": import_ns,
            "client_ns": client_ns,
            "first_call_ns": first_ns,
            "second_call_ns": second_ns,
            "main_to_first_answer_ns": time.perf_counter_ns() - _started - second_ns,
        }
    elif a.mode == "latency":
        client = make_client()
        for _ in range(a.warmup):
            call(client)
        rss_warm = rss_kib()
        samples = []
        clock = time.perf_counter_ns
        for _ in range(a.calls):
            t = clock()
            call(client)
            samples.append(clock() - t)
        out = {"samples_ns": samples, "rss_kib_after_warmup": rss_warm, "rss_kib_end": rss_kib()}
    elif a.mode == "memory":
        import gc  # noqa: PLC0415

        client = make_client()
        done = 0
        points = []
        for target in sorted({int(c) for c in a.checkpoints.split(",")}):
            while done < target:
                call(client)
                done += 1
            gc.collect()
            points.append({"calls": done, "rss_kib": rss_kib()})
        out = {"checkpoints": points}
    else:
        client = make_client()
        n = max(1, a.concurrency)
        per_task = -(-a.calls // n)
        barrier = threading.Barrier(n + 1)
        done = []
        errors = []

        def worker():
            try:
                for _ in range(max(1, a.warmup)):
                    call(client)
                barrier.wait()
                for _ in range(per_task):
                    call(client)
            except BaseException as e:  # noqa: BLE001  (reported below)
                errors.append(repr(e))
                barrier.abort()
            done.append(time.perf_counter_ns())

        threads = [threading.Thread(target=worker) for _ in range(n)]
        for th in threads:
            th.start()
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass  # a worker failed; its error is reported below
        t = time.perf_counter_ns()
        for th in threads:
            th.join()
        if errors:
            sys.exit("boto3_peer: " + errors[0])
        out = {"calls": per_task * n, "concurrency": n, "elapsed_ns": max(done) - t}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
