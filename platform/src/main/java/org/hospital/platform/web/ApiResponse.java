package org.hospital.platform.web;

/** The success envelope: {@code {"status":"success","data":...}}. */
public record ApiResponse<T>(String status, T data) {

    public static <T> ApiResponse<T> success(T data) {
        return new ApiResponse<>("success", data);
    }
}
