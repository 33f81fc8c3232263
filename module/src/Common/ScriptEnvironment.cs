using System;
using System.Collections;
using System.Collections.Generic;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// The environment variables the AWS SDK reads, as the script sees them (captured as a pipeline starts). .NET
    /// on Unix keeps $env: changes to itself (the process environment the native library could read never
    /// changes), so each call passes these explicitly; see docs/credentials.md.
    /// </summary>
    internal static class ScriptEnvironment
    {
        private static readonly HashSet<string> Names = new HashSet<string>(NativeNames.PassedEnvironment.Names, StringComparer.OrdinalIgnoreCase);

        public static Dictionary<string, string> Capture()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            {
                var name = (string)e.Key;
                if (name.StartsWith(NativeNames.PassedEnvironment.Prefix, StringComparison.OrdinalIgnoreCase) || Names.Contains(name))
                    map[name] = e.Value as string ?? string.Empty;
            }
            return map;
        }
    }
}
