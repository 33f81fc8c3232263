using System;
using System.Collections.Generic;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// The environment variables the AWS SDK reads, as the script sees them (captured as a pipeline starts). .NET
    /// on Unix keeps $env: changes to itself (the process environment the native library could read never
    /// changes), so each call passes these explicitly; see docs/credentials.md. Each is read by name: a copy of
    /// the whole environment (GetEnvironmentVariables) would cost every pipeline about 10 KB and 20 µs.
    /// </summary>
    internal static class ScriptEnvironment
    {
        public static Dictionary<string, string> Capture()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in NativeNames.PassedEnvironment.Names)
                if (Environment.GetEnvironmentVariable(name) is string value) map[name] = value;
            return map;
        }
    }
}
