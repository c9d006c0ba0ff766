/**
 * A product's pictures: uploaded to cloud storage (several at once), reordered (the first is the main picture),
 * removed. The list holds fileIDs (or links); previews use the URL the upload answered, or the link itself.
 */
import { defineComponent, ref, type PropType } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { api } from '../../api';
import { messageOf } from '../../ui/errors';

export const MAX_IMAGES = 20;

export const ImageList = defineComponent({
  props: {
    images: { type: Array as PropType<string[]>, required: true },
    /** fileID → preview URL, for pictures uploaded in this session. */
    previews: { type: Object as PropType<Record<string, string>>, required: true },
  },
  setup(props) {
    const uploading = ref(false);
    const failure = ref('');

    async function upload(event: Event): Promise<void> {
      const input = event.target as HTMLInputElement;
      const files = [...(input.files ?? [])].slice(0, MAX_IMAGES - props.images.length);
      uploading.value = true;
      failure.value = '';
      try {
        for (const file of files) {
          const stored = await api.uploadImage(file);
          props.previews[stored.fileID] = stored.url;
          if (!props.images.includes(stored.fileID)) props.images.push(stored.fileID);
        }
      } catch (error) {
        failure.value = messageOf(error);
      } finally {
        uploading.value = false;
        input.value = '';
      }
    }

    function move(index: number, by: -1 | 1): void {
      const target = index + by;
      if (target < 0 || target >= props.images.length) return;
      const [image] = props.images.splice(index, 1);
      props.images.splice(target, 0, image as string);
    }

    const previewOf = (image: string) => props.previews[image] ?? (/^(https?:|\/)/.test(image) ? image : '');

    return () => (
      <div data-testid="image-list">
        <div class="image-list">
          {props.images.map((image, index) => (
            <div class="image-list__item" key={image} data-testid="image-item" data-file={image}>
              {previewOf(image) ? (
                <img class="image-list__img" src={previewOf(image)} alt="" />
              ) : (
                <span class="image-list__img" />
              )}
              {index === 0 ? <span class="image-list__main">主图</span> : null}
              <div class="image-list__actions">
                <Button
                  size="small"
                  variant="text"
                  disabled={index === 0}
                  data-testid="image-left"
                  onClick={() => move(index, -1)}
                >
                  ←
                </Button>
                <Button size="small" variant="text" theme="danger" onClick={() => props.images.splice(index, 1)}>
                  删除
                </Button>
                <Button
                  size="small"
                  variant="text"
                  disabled={index === props.images.length - 1}
                  onClick={() => move(index, 1)}
                >
                  →
                </Button>
              </div>
            </div>
          ))}
        </div>
        {props.images.length < MAX_IMAGES ? (
          <label class="t-button t-button--variant-outline t-button--theme-default image-list__upload">
            {uploading.value ? '上传中…' : '上传图片（可多选）'}
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
              multiple
              data-testid="image-upload"
              style="display:none"
              onChange={(event: Event) => void upload(event)}
            />
          </label>
        ) : null}
        {failure.value ? <div class="danger-text">{failure.value}</div> : null}
      </div>
    );
  },
});
