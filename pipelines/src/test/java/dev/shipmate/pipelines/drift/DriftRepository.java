package dev.shipmate.pipelines.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A local bare repository made with JGit, as a git server would hold it, and a working clone to
 * commit and push manifests to it.
 */
final class DriftRepository implements AutoCloseable {
  final Path bare;
  private final Path work;
  private final Git git;

  DriftRepository(Path folder) {
    this.bare = folder.resolve("k8s.git");
    this.work = folder.resolve("work");
    try {
      Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
      git =
          Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call();
      git.checkout().setOrphan(true).setName("main").call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code files} (path → text; null deletes), commits them and pushes to the bare repo. */
  void push(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        if (file.getValue() == null) {
          Files.deleteIfExists(path);
          git.rm().addFilepattern(file.getKey()).call();
        } else {
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue());
          git.add().addFilepattern(file.getKey()).call();
        }
      }
      git.commit().setMessage(message).setAuthor("test", "test@example.com").call();
      git.push().setRemote("origin").add("main").call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
