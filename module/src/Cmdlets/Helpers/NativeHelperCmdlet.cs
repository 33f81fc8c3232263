using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using CognitoAdminAuth.Native;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// Base of the building-block cmdlets (TOTP codes, SECRET_HASH, device verifiers, token decoding): one
    /// local operation of the native core per record, no service call, failures as terminating errors.
    /// </summary>
    public abstract class NativeHelperCmdlet : PSCmdlet
    {
        /// <summary>
        /// The answer's members, read in place from the native buffer (which is wiped once this returns): the
        /// values are the only copies made. Nested objects become PSObjects, arrays object[], numbers long or double.
        /// </summary>
        private protected Dictionary<string, object> CallNative(string operation, Dictionary<string, object> input)
        {
            try
            {
                return NativeCore.Invoke(NativeRequest.Local(operation, input), CancellationToken.None, ReadAnswer);
            }
            catch (NativeCallException e)
            {
                var inner = e.ToTypedException(operation);
                ThrowTerminatingError(new ErrorRecord(inner, inner.GetType().FullName, ErrorCategory.InvalidArgument, null));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        private static Dictionary<string, object> ReadAnswer(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var members = new Dictionary<string, object>();
            while (ResponseReader.NextProperty(ref reader))
            {
                var name = reader.GetString();
                reader.Read();
                members[name] = ReadValue(ref reader);
            }
            return members;
        }

        private static object ReadValue(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var o = new PSObject();
                    while (ResponseReader.NextProperty(ref reader))
                    {
                        var name = reader.GetString();
                        reader.Read();
                        o.Properties.Add(new PSNoteProperty(name, ReadValue(ref reader)));
                    }
                    return o;
                case JsonTokenType.StartArray:
                    var list = new List<object>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(ReadValue(ref reader));
                    return list.ToArray();
                case JsonTokenType.String: return reader.GetString();
                case JsonTokenType.Number: return reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble();
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                default: return null;
            }
        }

        private protected static string Str(Dictionary<string, object> answer, string name) =>
            answer.TryGetValue(name, out var v) ? v as string : null;
    }
}
