using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace CognitoAdminAuth.Common
{
    /// <summary>Reads a secret given as a SecureString or a plain string (PSObject-wrapped or not).</summary>
    internal static class Secrets
    {
        public static string Reveal(object value, string parameterName)
        {
            switch (value is PSObject ps ? ps.BaseObject : value)
            {
                case null: return null;
                case string s: return s;
                case SecureString secure:
                    var ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                    try { return Marshal.PtrToStringUni(ptr); }
                    finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
                default:
                    throw new ArgumentException($"-{parameterName} takes a SecureString or a string.", parameterName);
            }
        }
    }
}
