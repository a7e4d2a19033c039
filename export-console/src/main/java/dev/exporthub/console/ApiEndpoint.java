package dev.exporthub.console;

import java.io.IOException;

/** One endpoint of the API; by the time it answers, the route table checked the method and the caller is known. */
sealed interface ApiEndpoint
    permits SessionEndpoint, CatalogEndpoint, ExportEndpoint, StatisticsEndpoint, HistoryEndpoint, DownloadEndpoint {

  void answer(ApiCall call) throws IOException;
}
