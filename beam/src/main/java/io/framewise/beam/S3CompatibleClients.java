package io.framewise.beam;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 clients for S3-compatible stores (MinIO, s3proxy, Ceph) behind one host name: pass {@code
 * --s3ClientFactoryClass=io.framewise.beam.S3CompatibleClients} with {@code --endpoint}. Beam's AWS
 * options have no switch for either of the two things such stores need:
 *
 * <ul>
 *   <li>path-style requests ({@code http://host/bucket/key}), as the Flink job's {@code
 *       s3.path.style.access};
 *   <li>no {@code x-amz-server-side-encryption-bucket-key-enabled: false} header, which Beam sends
 *       on every upload and which stores without server-side encryption refuse (501); "false" is
 *       the default, so leaving it out changes nothing on AWS.
 * </ul>
 */
public final class S3CompatibleClients implements S3ClientBuilderFactory {

    static final String BUCKET_KEY_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

    @Override
    public S3ClientBuilder createBuilder(S3Options options) {
        return new DefaultS3ClientBuilderFactory()
                .createBuilder(options)
                .forcePathStyle(true)
                .overrideConfiguration(
                        c -> c.addExecutionInterceptor(new WithoutDefaultBucketKeyHeader()));
    }

    /** Drops the bucket-key header where it only states the default. */
    static final class WithoutDefaultBucketKeyHeader implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(
                Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            boolean isDefault =
                    request.firstMatchingHeader(BUCKET_KEY_HEADER)
                            .map("false"::equalsIgnoreCase)
                            .orElse(false);
            return isDefault
                    ? request.toBuilder().removeHeader(BUCKET_KEY_HEADER).build()
                    : request;
        }
    }
}
