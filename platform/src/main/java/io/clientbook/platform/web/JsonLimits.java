package io.clientbook.platform.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Bounds on what a JSON body may make the parser do: no customer record is nested 64 levels deep, so a
 * deeper document is an attack (stack and CPU exhaustion) and gets a 400 problem before anything is read.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(1_000_000)
                .maxNumberLength(100)
                .build());
    }
}
