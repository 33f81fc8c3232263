using System;
using System.Net;

namespace Amazon.Runtime
{
    public enum ErrorType { Sender, Receiver, Unknown }

    /// <summary>Stand-in for AWSSDK.Core's: an error answered by the service, with the SDK's constructors.</summary>
    public class AmazonServiceException : Exception
    {
        public AmazonServiceException(string message) : base(message) { }
        public AmazonServiceException(string message, Exception innerException) : base(message, innerException) { }
        public AmazonServiceException(Exception innerException) : base(innerException?.Message, innerException) { }
        public AmazonServiceException(string message, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : this(message, null, errorType, errorCode, requestId, statusCode) { }
        public AmazonServiceException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException)
        {
            ErrorType = errorType; ErrorCode = errorCode; RequestId = requestId; StatusCode = statusCode;
        }

        public string ErrorCode { get; set; }
        public HttpStatusCode StatusCode { get; set; }
        public string RequestId { get; set; }
        public ErrorType ErrorType { get; set; }
    }
}
