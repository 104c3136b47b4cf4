package io.clientbook.interaction.team.dto;

import java.util.List;

public record TeamPage(List<TeamView> items, String nextCursor) {
}
