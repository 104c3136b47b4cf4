package io.clientbook.interaction.followup.dto;

import java.util.List;

public record FollowUpPage(List<FollowUpView> items, String nextCursor) {
}
