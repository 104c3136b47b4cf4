package io.clientbook.interaction.team.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A team as written: its name, its manager and its members (user ids as in the token's {@code sub}). The
 * manager need not be a member. A user may belong to several teams; the first by name is the user's team
 * for assignment.
 */
public record TeamInput(@NotBlank @Size(max = 100) String name, @Size(max = 100) String managerId,
                        @Size(max = 500) List<@NotBlank @Size(max = 100) String> members) {
}
