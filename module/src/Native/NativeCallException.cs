using System;
using System.IO;
using System.Net.Http;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>An error result of the native core, as its JSON describes it (kind, code, message, ...).</summary>
    internal sealed class NativeCallException : Exception
    {
        private NativeCallException(string kind, string code, string message, int? statusCode, string requestId) : base(message)
        {
            Kind = kind; Code = code; StatusCode = statusCode; RequestId = requestId;
        }

        public string Kind { get; }
        public string Code { get; }
        public int? StatusCode { get; }
        public string RequestId { get; }

        /// <summary>Error answers carry a kind, a code and a message, never a token: they may outlive the call.</summary>
        public static NativeCallException FromJson(ReadOnlySpan<byte> json)
        {
            var e = Contract.NativeError.Read(json);
            return new NativeCallException(
                e.Kind ?? NativeNames.ErrorKind.Internal, e.Code,
                e.Message ?? "The native library reported an error without a message.",
                e.StatusCode, e.RequestId);
        }

        /// <summary>The exception a PowerShell user would catch for this failure of <paramref name="operation"/>.</summary>
        public Exception ToTypedException(string operation)
        {
            switch (Kind)
            {
                case NativeNames.ErrorKind.Service: return ServiceErrors.Create(operation, Code, Message, StatusCode, RequestId);
                case NativeNames.ErrorKind.Cancelled: return new OperationCanceledException(Message);
                case NativeNames.ErrorKind.Timeout: return new TimeoutException(Message);
                case NativeNames.ErrorKind.Transport: return new HttpRequestException(Message);
                case NativeNames.ErrorKind.InvalidResponse: return new InvalidDataException(Message);
                case NativeNames.ErrorKind.InvalidRequest when Code == NativeNames.ErrorCode.RegionNotSpecified: return new InvalidOperationException(ConnectionResolver.NoRegion);
                case NativeNames.ErrorKind.InvalidRequest: return new ArgumentException(Message);
                case NativeNames.ErrorKind.Credentials when Code == NativeNames.ErrorCode.CredentialsNotFound:
                    // AWS.Tools' exact text (scripts match it); what the native providers said goes alongside.
                    var missing = new InvalidOperationException(ConnectionResolver.NoCredentials);
                    missing.Data[StringMaps.RecommendedActionKey] = Message;
                    return missing;
                case NativeNames.ErrorKind.Credentials:
                    // A step was found but cannot work (SSO login needed, MFA, failing credential_process):
                    // the message names the profile and what to do.
                    return new InvalidOperationException(Message);
                default: return new InvalidOperationException(Message);
            }
        }
    }
}
